import { useMemo } from "react";
import { styleAdviceFor } from "@domain/face/advice";
import { AdviceList } from "./AdviceList";
import { FaceOverlay } from "./FaceOverlay";
import { problemMessage, SHAPE_NAMES } from "./messages";
import { OfflineNote } from "./OfflineNote";
import { PaletteCard, SavedPalette } from "./PaletteCard";
import { PhotoPicker } from "./PhotoPicker";
import { SavedProfile } from "./SavedProfile";
import { SaveToProfile } from "./SaveToProfile";
import { MeasurementList, ShapeResult } from "./ShapeResult";
import { useFaceAnalysis } from "./useFaceAnalysis";
import "./face.css";

const STAGE_TEXT = {
  runtime: "Starting the face analyser",
  detector: "Loading the face detector",
  landmarks: "Loading the face mesh model",
  ready: "Analysing your photo",
} as const;

/** The Style tab: a selfie in, face shape and what suits it out — all on this device. */
export default function StyleScreen() {
  const { state, analyse, cancel, prepare } = useFaceAnalysis();
  const result = state.phase === "done" ? state.result : null;
  const ok = result?.status === "ok" ? result : null;
  const advice = useMemo(() => (ok ? styleAdviceFor(ok.shape) : null), [ok]);
  const problem = result ? problemMessage(result) : null;

  return (
    <section className="face-screen" aria-labelledby="style-title">
      <h2 id="style-title">Your face shape</h2>
      <p className="face-lead">
        Take a selfie or choose a photo, facing the camera with your hair off your face. It is analysed on this device and never uploaded.
      </p>
      <SavedProfile />
      <SavedPalette />
      <PhotoPicker onPhoto={(f) => void analyse(f)} onIntent={prepare} />
      <OfflineNote checkAgain={state.phase} />

      <div role="status" aria-live="polite" className="face-status">
        {state.phase === "working" && (
          <div className="progress">
            <div className="progress-text">
              {state.progress && state.progress.stage !== "ready"
                ? `${STAGE_TEXT[state.progress.stage]}… ${Math.round(state.progress.fraction * 100)}%`
                : "Analysing your photo…"}
            </div>
            <progress
              max={1}
              value={state.progress && state.progress.stage !== "ready" ? state.progress.fraction : undefined}
              aria-label="Face analysis progress"
            />
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        )}
        {ok && <span className="visually-hidden">Analysis done: {SHAPE_NAMES[ok.shape.primary]} face.</span>}
      </div>

      {state.phase === "failed" && (
        <div className="face-problem" role="alert" data-testid="face-problem">
          <p>
            <strong>{state.message}</strong>
          </p>
        </div>
      )}
      {problem && (
        <div className="face-problem" role="alert" data-testid="face-problem">
          <p>
            <strong>{problem.title}</strong>
          </p>
          <p>{problem.hint}</p>
        </div>
      )}

      {result && state.phase === "done" && result.status !== "cancelled" && (
        <div className={ok ? "face-results" : "face-results face-results-problem"}>
          <figure className="face-figure">
            <FaceOverlay
              photoUrl={state.photoUrl}
              image={result.image}
              faces={"face" in result ? [result.face] : "faces" in result ? result.faces : []}
              measurements={ok?.measurements}
              label={
                ok
                  ? `Your photo with the face mesh (${ok.face.landmarks.length} points) and the measurements drawn on it.`
                  : "Your photo" + ("face" in result || "faces" in result ? ", with the faces found framed." : ".")
              }
            />
            {ok && (
              <figcaption>
                <span data-testid="face-landmark-count">{ok.face.landmarks.length}</span> face points found · analysed in {Math.round(ok.roundTripMs)} ms
              </figcaption>
            )}
          </figure>
          {ok && advice && (
            <div className="face-details">
              <ShapeResult shape={ok.shape} />
              <section className="face-card" aria-labelledby="face-measures-title">
                <h3 id="face-measures-title">Measurements</h3>
                <MeasurementList m={ok.measurements} />
              </section>
              <AdviceList advice={advice} />
              {ok.colouring ? (
                <PaletteCard colouring={ok.colouring} />
              ) : (
                <p className="face-px">Your colours could not be read from this photo: try one with your whole face well inside the picture.</p>
              )}
              <SaveToProfile shape={ok.shape} advice={advice} photo={state.photo} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
