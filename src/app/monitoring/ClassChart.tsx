import type { ClassCount } from "@domain/monitoring";
import { ChartCard, COLOURS, Legend, ShowData } from "./chart";
import { HBars } from "./HBars";
import { categoryName } from "./format";

/** What the recogniser's first choice was vs what each item was filed as. */
export function ClassChart({ classes, pending }: { classes: ClassCount[]; pending: number }) {
  if (classes.length === 0) return null;
  const max = Math.max(1, ...classes.flatMap((c) => [c.predicted, c.final]));
  const label = `Photos per category, predicted vs final: ${classes.map((c) => `${categoryName(c.category)} ${c.predicted} predicted, ${c.final} final`).join("; ")}.`;
  return (
    <ChartCard
      id="class-chart"
      title="Categories: predicted vs final"
      intro={
        <>
          The recogniser’s first choice next to what each item was filed as after your answers.
          {pending > 0 && ` ${pending === 1 ? "1 photo is" : `${pending} photos are`} still waiting for your answer (predicted, no final yet).`}
        </>
      }
    >
      <HBars
        rows={classes.map((c) => ({ key: c.category, label: categoryName(c.category), values: [c.predicted, c.final] }))}
        colours={[COLOURS.accent, COLOURS.ink]}
        max={max}
        label={label}
      />
      <Legend
        items={[
          { label: "Predicted", colour: COLOURS.accent },
          { label: "Final", colour: COLOURS.ink },
        ]}
      />
      <ShowData
        caption="Photos per category"
        testId="class-data"
        rows={classes}
        rowKey={(c) => c.category}
        columns={[
          { header: "Category", cell: (c) => categoryName(c.category), rowHeader: true },
          { header: "Predicted", cell: (c) => c.predicted },
          { header: "Final", cell: (c) => c.final },
        ]}
      />
    </ChartCard>
  );
}
