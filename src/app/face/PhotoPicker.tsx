import { type ChangeEvent, useRef } from "react";

/**
 * Two ways in: the front camera (on phones `capture="user"` opens it directly) or any
 * photo. The inputs are hidden behind real buttons so both are reachable by keyboard
 * and announced as buttons. They stay enabled while a photo is analysed: a new photo
 * simply replaces the old one, and disabling a focused button would drop keyboard focus.
 */
export function PhotoPicker({ onPhoto, onIntent }: { onPhoto: (f: File) => void; onIntent: () => void }) {
  const camera = useRef<HTMLInputElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const pick = (input: HTMLInputElement | null) => {
    onIntent();
    input?.click();
  };
  const take = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = ""; // the same photo chosen again must trigger a new analysis
    if (f) onPhoto(f);
  };
  return (
    <div className="face-pick">
      <button type="button" className="button button-primary" onClick={() => pick(camera.current)}>
        Take a selfie
      </button>
      <button type="button" className="button" onClick={() => pick(file.current)}>
        Choose a photo
      </button>
      <input ref={camera} type="file" accept="image/*" capture="user" onChange={take} hidden data-testid="face-camera-input" />
      <input ref={file} type="file" accept="image/*" onChange={take} hidden data-testid="face-file-input" />
    </div>
  );
}
