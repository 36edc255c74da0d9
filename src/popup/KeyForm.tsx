import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../lib/i18n";
import type { FormField } from "../mimecast/failures";
import { REGIONS } from "../mimecast/regions";
import { FailureNote } from "./FailureNote";
import type { UiFailure } from "./services";

export interface FormValues {
  email: string;
  password: string;
  appId: string;
  authType: "cloud" | "domain";
  regionId: string;
}

interface Props {
  values: FormValues;
  onChange: (values: FormValues) => void;
  onSubmit: () => void;
  busy: boolean;
  failure: UiFailure | undefined;
  /** Bumped on every failure so focus moves to the field at fault even when it is the same field. */
  failureSerial: number;
  now: number;
}

export const FIELD_IDS: Record<FormField, string> = {
  email: "email",
  password: "password",
  appId: "app-id",
  authType: "auth-cloud",
  region: "region",
  appKey: "app-key",
  accessKey: "access-key",
  secretKey: "secret-key",
  clientId: "client-id",
  clientSecret: "client-secret",
};

export function KeyForm({ values, onChange, onSubmit, busy, failure, failureSerial, now }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const at = failure?.field;

  useEffect(() => {
    if (!failure) return;
    const id = failure.field ? FIELD_IDS[failure.field] : "generate";
    formRef.current?.querySelector<HTMLElement>(`#${id}`)?.focus();
  }, [failureSerial]);

  const set =
    <K extends keyof FormValues>(key: K) =>
    (e: JSX.TargetedEvent<HTMLInputElement | HTMLSelectElement>) =>
      onChange({ ...values, [key]: e.currentTarget.value as FormValues[K] });

  const errorFor = (field: FormField) =>
    failure && at === field ? (
      <FailureNote failure={failure} id={`${FIELD_IDS[field]}-error`} now={now} />
    ) : null;
  const describedBy = (field: FormField) =>
    failure && at === field ? `${FIELD_IDS[field]}-error` : undefined;

  return (
    <form
      ref={formRef}
      class="key-form"
      noValidate
      aria-labelledby="generate-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) onSubmit();
      }}
    >
      <h2 id="generate-heading">{t("generateHeading")}</h2>
      <p class="hint">{t("generateHint")}</p>
      <div class="field">
        <label for="email">{t("emailLabel")}</label>
        <input
          id="email"
          type="email"
          autocomplete="username"
          spellcheck={false}
          value={values.email}
          onInput={set("email")}
          aria-invalid={at === "email"}
          aria-describedby={describedBy("email")}
        />
        {errorFor("email")}
      </div>
      <div class="field">
        <label for="password">{t("passwordLabel")}</label>
        <input
          id="password"
          type="password"
          autocomplete="current-password"
          value={values.password}
          onInput={set("password")}
          aria-invalid={at === "password"}
          aria-describedby={describedBy("password")}
        />
        {errorFor("password")}
      </div>
      <fieldset class="field auth-type" aria-describedby={describedBy("authType")}>
        <legend>{t("passwordType")}</legend>
        <label>
          <input
            id="auth-cloud"
            type="radio"
            name="auth-type"
            value="cloud"
            checked={values.authType === "cloud"}
            onChange={set("authType")}
          />
          {t("passwordCloud")}
        </label>
        <label>
          <input
            id="auth-domain"
            type="radio"
            name="auth-type"
            value="domain"
            checked={values.authType === "domain"}
            onChange={set("authType")}
          />
          {t("passwordDomain")}
        </label>
        {errorFor("authType")}
      </fieldset>
      <div class="field">
        <label for="app-id">{t("appIdLabel")}</label>
        <input
          id="app-id"
          type="text"
          autocomplete="off"
          spellcheck={false}
          value={values.appId}
          onInput={set("appId")}
          aria-invalid={at === "appId"}
          aria-describedby={describedBy("appId")}
        />
        {errorFor("appId")}
      </div>
      <div class="field">
        <label for="region">{t("regionLabel")}</label>
        <select
          id="region"
          value={values.regionId}
          onChange={set("regionId")}
          aria-invalid={at === "region"}
          aria-describedby={describedBy("region")}
        >
          <option value="auto">{t("regionAuto")}</option>
          {REGIONS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} — {r.host}
            </option>
          ))}
        </select>
        {errorFor("region")}
      </div>
      {failure && !at && <FailureNote failure={failure} id="form-error" now={now} />}
      <button id="generate" type="submit" class="primary" disabled={busy} aria-busy={busy}>
        {t("generateButton")}
        {busy && (
          <span class="busy">
            <span class="spinner" aria-hidden="true" /> {t("working")}
          </span>
        )}
      </button>
    </form>
  );
}
