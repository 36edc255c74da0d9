import { retryText } from "./format";
import type { UiFailure } from "./services";

/** A failure in words: what happened, what to do, and Mimecast's own code for support. */
export function FailureNote({ failure, id, now }: { failure: UiFailure; id: string; now: number }) {
  return (
    <div class="failure" id={id} role="alert">
      <p class="failure-message">{failure.message}</p>
      <p class="failure-action">{failure.action}</p>
      {failure.retryAt !== undefined && (
        <p class="failure-retry">Try again after {retryText(failure.retryAt, now)}.</p>
      )}
      {failure.code && (
        <p class="failure-code">
          Mimecast code: <code>{failure.code}</code>
          {failure.mimecastMessage ? ` — ${failure.mimecastMessage}` : ""}
        </p>
      )}
    </div>
  );
}
