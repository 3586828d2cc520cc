import { useId, useState } from "react";
import { userMessage } from "@data/errors";
import { getSetting, setSetting } from "@data/settings";
import type { PersonalColouring } from "@domain/face/colouring";
import type { Swatch } from "@domain/face/seasons";
import { useLiveQuery } from "../components/useLiveQuery";
import { useToast } from "../components/toastContext";
import { FormError } from "../components/FormError";

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const loadSaved = () => getSetting("outfits.palette");
const SURENESS = { high: "Fairly sure", medium: "Somewhat sure", low: "Not sure" } as const;

/** Swatches as a list: each colour's name is written beside it, so nothing depends on seeing the colour. */
function SwatchList({ swatches, label, testId }: { swatches: readonly Swatch[]; label: string; testId: string }) {
  return (
    <ul className="palette-swatches" aria-label={label} data-testid={testId}>
      {swatches.map((s) => (
        <li key={s.name}>
          <span className="palette-chip" style={{ background: s.hex }} aria-hidden="true" />
          <span className="palette-name">{s.name}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The personal colour palette from the selfie (measured on this device): the season,
 * how sure it is and why, the colours that flatter and those to avoid near the face,
 * and a way to keep it and let outfit suggestions use it.
 */
export function PaletteCard({ colouring }: { colouring: PersonalColouring }) {
  const id = useId();
  const toast = useToast();
  const saved = useLiveQuery(loadSaved, []);
  const [use, setUse] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { palette, messages } = colouring;
  const season = cap(palette.season);
  const same = saved?.season === palette.season;
  const measured = [
    { name: "Skin", colour: colouring.skin },
    { name: "Hair", colour: colouring.hair },
    { name: "Eyes", colour: colouring.eyes },
  ];

  const save = async () => {
    setError(null);
    try {
      await setSetting("outfits.palette", { season: palette.season, suits: palette.suits, avoid: palette.avoid, use, savedAt: Date.now() });
      toast.show({ message: `Saved: your ${palette.season} palette${use ? ", used in outfit suggestions" : ""}.` });
    } catch (e) {
      setError(userMessage(e));
    }
  };

  return (
    <section className="face-card palette-card" aria-labelledby={`${id}-title`} data-testid="palette-card">
      <h3 id={`${id}-title`}>
        Your colours: <span data-testid="palette-season">{season}</span>
      </h3>
      <p>{palette.summary}</p>
      <p data-testid="palette-traits">
        <strong>{SURENESS[colouring.sureness]}</strong> ({Math.round(colouring.confidence * 100)} %): {colouring.undertone} undertone, {colouring.depth}{" "}
        colouring, {colouring.contrast} contrast, {colouring.clarity} clarity.
      </p>
      {messages.length > 0 && (
        <ul className="notice palette-messages" data-testid="palette-messages">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <h4>Measured in your photo</h4>
      <ul className="palette-swatches" aria-label="Measured colours">
        {measured.map(({ name, colour }) => (
          <li key={name}>
            <span className="palette-chip" style={colour ? { background: colour.hex } : undefined} aria-hidden="true" />
            <span className="palette-name">
              {name}: {colour ? colour.hex.toLowerCase() : "not seen"}
            </span>
          </li>
        ))}
      </ul>
      <h4 id={`${id}-suits`}>Colours that flatter you</h4>
      <SwatchList swatches={palette.suits} label="Colours that flatter you" testId="palette-suits" />
      <h4 id={`${id}-avoid`}>Colours to avoid near your face</h4>
      <SwatchList swatches={palette.avoid} label="Colours to avoid near your face" testId="palette-avoid" />
      <p className="face-px">Seasonal palettes are a guide, not a rule: a colour you love and feel good in is yours to wear.</p>
      <label className="face-check">
        <input type="checkbox" checked={use} onChange={(e) => setUse(e.target.checked)} />
        Let outfit suggestions prefer these colours near my face (tops, dresses, coats)
      </label>
      <button type="button" className="button button-primary" onClick={() => void save()}>
        {same ? "Save my palette again" : "Save my palette"}
      </button>
      <FormError error={error} />
    </section>
  );
}

/** The palette kept from an earlier selfie (live), with "used in suggestions" on or off and a way to forget it. */
export function SavedPalette() {
  const saved = useLiveQuery(loadSaved, []);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  if (!saved) return null;
  const change = (next: typeof saved | null) => {
    setError(null);
    void setSetting("outfits.palette", next).catch((e: unknown) => setError(userMessage(e)));
  };
  return (
    <section className="face-card palette-saved" aria-labelledby={`${id}-title`} data-testid="palette-saved">
      <h3 id={`${id}-title`}>Your saved palette: {cap(saved.season)}</h3>
      <SwatchList swatches={saved.suits} label="Your saved colours" testId="palette-saved-suits" />
      <label className="face-check">
        <input type="checkbox" checked={saved.use} onChange={(e) => change({ ...saved, use: e.target.checked })} />
        Used in outfit suggestions
      </label>
      <button type="button" className="button button-danger" onClick={() => change(null)}>
        Forget my palette
      </button>
      <FormError error={error} />
    </section>
  );
}
