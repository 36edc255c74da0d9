import { GUIDE, stepsFor } from "../guide";
import { isConsoleHost } from "../lib/console-hosts";
import { t } from "../lib/i18n";
import type { ProgressMap } from "../lib/schemas";

/** The guide's progress for the console used most recently, and a way back to it. */
export function ProgressSummary({ progress }: { progress: ProgressMap }) {
  const latest = Object.entries(progress).sort((a, b) => b[1].updatedAt - a[1].updatedAt)[0];
  const host = latest?.[0];
  const p = latest?.[1];
  const consoleUrl =
    host && isConsoleHost(host)
      ? `https://${host}/administration/app/#/administration-dashboard`
      : "https://login.mimecast.com/administration/app/#/administration-dashboard";
  const steps = p ? stepsFor(GUIDE, p.path) : stepsFor(GUIDE, "api1");
  const done = p ? steps.filter((s) => p.done.includes(s.id)).length : 0;
  const current = p ? steps.find((s) => s.id === p.currentId) : steps[0];
  return (
    <section class="progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t("progressHeading")}</h2>
      <p>
        {t("progressDone", done, steps.length, p?.path === "api2" ? "API 2.0" : "API 1.0")}
        {current && done < steps.length ? ` ${t("progressNext", current.title)}` : ""}
      </p>
      <progress max={steps.length} value={done} aria-label={t("progressLabel")} />
      <p>
        <a href={consoleUrl} target="_blank" rel="noreferrer">
          {t("openConsole")}
        </a>{" "}
        {t("openConsoleAfter")}
      </p>
    </section>
  );
}
