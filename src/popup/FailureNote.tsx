import { GUIDE } from "../guide";
import { t } from "../lib/i18n";
import { retryText } from "./format";
import type { UiFailure } from "./services";

/** The title of the guide step a failure points at; nothing for an id the guide does not have. */
export function stepTitle(stepId: string | undefined): string | undefined {
  if (!stepId) return undefined;
  return GUIDE.steps.find((s) => s.id === stepId)?.title;
}

/** A failure in words: what happened, what to do, and Mimecast's own code for support. */
export function FailureNote({ failure, id, now }: { failure: UiFailure; id: string; now: number }) {
  const step = stepTitle(failure.step);
  return (
    <div class="failure" id={id} role="alert">
      <p class="failure-message">{failure.message}</p>
      <p class="failure-action">{failure.action}</p>
      {step && (
        <p class="failure-step">
          {t("failureStep")} <strong>{step}</strong>
        </p>
      )}
      {failure.retryAt !== undefined && (
        <p class="failure-retry">{t("failureRetry", retryText(failure.retryAt, now))}</p>
      )}
      {failure.code && (
        <p class="failure-code">
          {t("failureCode")} <code>{failure.code}</code>
          {failure.mimecastMessage ? ` — ${failure.mimecastMessage}` : ""}
        </p>
      )}
    </div>
  );
}
