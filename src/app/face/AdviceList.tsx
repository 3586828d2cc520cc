import type { StyleAdvice } from "@domain/face/advice";
import { necklineName } from "./messages";

/** Advice per topic with its reason, then the neckline lists saved to the profile. */
export function AdviceList({ advice }: { advice: StyleAdvice }) {
  return (
    <section className="face-card" aria-labelledby="face-advice-title" data-testid="face-advice">
      <h3 id="face-advice-title">What suits you</h3>
      <ul className="face-advice">
        {advice.lines.map((l) => (
          <li key={l.topic}>
            <h4>{l.title}</h4>
            <p>{l.advice}</p>
            <p className="face-reason">
              <span className="face-why">Why:</span> {l.reason}
            </p>
          </li>
        ))}
      </ul>
      <div className="face-necklines">
        <p>
          <strong>Necklines to look for:</strong> <span data-testid="face-suited-necklines">{advice.suitedNecklines.map(necklineName).join(", ") || "—"}</span>
        </p>
        {advice.avoidNecklines.length > 0 && (
          <p>
            <strong>Less flattering:</strong> {advice.avoidNecklines.map(necklineName).join(", ")}
          </p>
        )}
      </div>
    </section>
  );
}
