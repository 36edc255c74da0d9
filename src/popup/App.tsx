import { useEffect, useRef, useState } from "preact/hooks";
import type { CollectorSettings } from "../lib/collector-bundle";
import { t } from "../lib/i18n";
import type { Captured, KeySession, ProgressMap } from "../lib/schemas";
import { secretExpiresAt, secretIsLive } from "../lib/secret-lifetime";
import { regionById } from "../mimecast/regions";
import { CapturedNotice } from "./CapturedNotice";
import { ExportPanel } from "./ExportPanel";
import { looksLikeEmail } from "./format";
import { type FormValues, KeyForm } from "./KeyForm";
import { KeysView } from "./KeysView";
import { ProgressSummary } from "./ProgressSummary";
import { KeptUntil } from "./SecretLifetime";
import type { PopupServices, UiFailure } from "./services";
import { VerifyApi1 } from "./VerifyApi1";
import { VerifyApi2 } from "./VerifyApi2";

const EMPTY: FormValues = { email: "", password: "", appId: "", authType: "cloud", regionId: "auto" };

function localCheck(v: FormValues): UiFailure | undefined {
  if (!looksLikeEmail(v.email)) {
    return {
      kind: "validation",
      field: "email",
      message: t("checkEmail"),
      action: t("checkEmailAction"),
    };
  }
  if (v.password === "") {
    return {
      kind: "validation",
      field: "password",
      message: t("checkPassword"),
      action: t("checkPasswordAction"),
    };
  }
  if (v.appId.trim() === "") {
    return {
      kind: "validation",
      field: "appId",
      message: t("checkAppId"),
      action: t("checkAppIdAction"),
    };
  }
  return undefined;
}

/** True when the collector settings hold one of `secrets` (so they go when those secrets go). */
function settingsHold(
  settings: CollectorSettings | undefined,
  secrets: readonly (string | undefined)[],
): boolean {
  if (!settings) return false;
  const held =
    settings.api === "1.0"
      ? [settings.applicationKey, settings.accessKey, settings.secretKey]
      : [settings.clientId, settings.clientSecret];
  return secrets.some((s) => s !== undefined && s !== "" && held.includes(s.trim()));
}

export function App({ services }: { services: PopupServices }) {
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<UiFailure | undefined>();
  const [failureSerial, setFailureSerial] = useState(0);
  const [keys, setKeys] = useState<KeySession | undefined>();
  const [justGenerated, setJustGenerated] = useState(false);
  const [progress, setProgress] = useState<ProgressMap>({});
  const [appKey, setAppKey] = useState("");
  const [api2, setApi2] = useState({ hostId: "global", clientId: "", clientSecret: "" });
  const [settings, setSettings] = useState<CollectorSettings | undefined>();
  const [captured, setCaptured] = useState<Captured | undefined>();
  const [capturedUsed, setCapturedUsed] = useState(false);
  const [secretsStatus, setSecretsStatus] = useState("");
  /** Bumped by "Forget": remounts the sections that keep typed secrets in their own state. */
  const [forgotten, setForgotten] = useState(0);
  // What is on screen, for the storage listener (which outlives a render).
  const shown = useRef<{ keys?: KeySession | undefined; captured?: Captured | undefined }>({});
  shown.current = { keys, captured };

  /** Clears the copies of captured secrets that sit in the fields (the Application ID is not secret). */
  const dropCapturedCopies = (c: Captured) => {
    if (c.appKey) setAppKey((k) => (k === c.appKey ? "" : k));
    setApi2((a) => ({
      ...a,
      clientId: c.clientId && a.clientId === c.clientId ? "" : a.clientId,
      clientSecret: c.clientSecret && a.clientSecret === c.clientSecret ? "" : a.clientSecret,
    }));
    setSettings((s) => (settingsHold(s, [c.appKey, c.clientId, c.clientSecret]) ? undefined : s));
  };

  /**
   * Shows what storage holds now. Storage reads already drop expired values; the popup checks the
   * time too, so what it shows never outlives what it says ("kept until ...").
   */
  const reloadSecrets = async (reason: "open" | "changed") => {
    const [stored, cap] = await Promise.all([services.loadKeys(), services.loadCaptured()]);
    const now = services.now();
    const liveKeys = stored && secretIsLive(stored.createdAt, now) ? stored : undefined;
    const liveCaptured = cap && secretIsLive(cap.capturedAt, now) ? cap : undefined;
    const before = shown.current;
    const gone: string[] = [];
    if (before.keys && !liveKeys) {
      const k = before.keys;
      setSettings((s) => (settingsHold(s, [k.accessKey, k.secretKey]) ? undefined : s));
      gone.push(t("keysCleared"));
    }
    if (before.captured && (!liveCaptured || liveCaptured.capturedAt !== before.captured.capturedAt)) {
      dropCapturedCopies(before.captured);
      if (!liveCaptured) gone.push(t("capturedCleared"));
    }
    if (!liveCaptured || liveCaptured.capturedAt !== before.captured?.capturedAt) setCapturedUsed(false);
    setKeys(liveKeys);
    setCaptured(liveCaptured);
    if (reason === "changed" && gone.length > 0) setSecretsStatus(gone.join(" "));
  };

  useEffect(() => {
    void services.loadPrefs().then((prefs) => {
      // Typing may have begun before storage answered: keep what the user typed.
      setValues((v) => ({
        ...v,
        email: v.email || prefs.email || "",
        appId: v.appId || prefs.appId || "",
        authType: prefs.authType ?? v.authType,
        regionId: prefs.regionId ?? v.regionId,
      }));
    });
    void reloadSecrets("open");
    void services.loadProgress().then(setProgress);
    // Expired by the service worker's alarm, forgotten in another window, or newly captured.
    return services.watchSecrets(() => void reloadSecrets("changed"));
  }, []);

  // The alarm may be late (a sleeping worker) or the popup may outlive the secrets: look again
  // when the first of them is due.
  useEffect(() => {
    const due = [keys?.createdAt, captured?.capturedAt]
      .filter((t): t is number => t !== undefined)
      .map(secretExpiresAt);
    if (due.length === 0) return undefined;
    const wait = Math.min(...due) - services.now();
    if (wait <= 0) return undefined;
    const timer = setTimeout(() => void reloadSecrets("changed"), wait + 100);
    return () => clearTimeout(timer);
  }, [keys?.createdAt, captured?.capturedAt]);

  const showFailure = (f: UiFailure) => {
    setFailure(f);
    setFailureSerial((n) => n + 1);
  };

  const submit = async () => {
    const problem = localCheck(values);
    if (problem) {
      showFailure(problem);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    const input = {
      email: values.email.trim(),
      password: values.password,
      appId: values.appId.trim(),
      authType: values.authType,
      regionId: values.regionId,
    };
    const reply = await services.generateKeys(input);
    setBusy(false);
    if (!reply.ok) {
      showFailure(reply.failure);
      return;
    }
    await services.savePrefs({
      email: input.email,
      appId: input.appId,
      authType: input.authType,
      regionId: input.regionId,
    });
    // The password is dropped from memory once it has done its job.
    setValues((v) => ({ ...v, password: "" }));
    setJustGenerated(true);
    setKeys(reply.session);
    setSecretsStatus("");
    void services.loadProgress().then(setProgress);
  };

  /** "Forget": everything secret, stored or on screen. Form values that are not secret stay. */
  const forget = async () => {
    // Off the screen first; the storage listener then has nothing to report as "cleared".
    shown.current = {};
    setValues((v) => ({ ...v, password: "" }));
    setAppKey("");
    setApi2((a) => ({ ...a, clientId: "", clientSecret: "" }));
    setSettings(undefined);
    setKeys(undefined);
    setCaptured(undefined);
    setCapturedUsed(false);
    setForgotten((n) => n + 1);
    // "Forget" goes with the keys: keep the keyboard user's place (the form above), not the body.
    document.getElementById("generate")?.focus();
    await services.forgetSecrets();
    // Say what is true: look at storage again rather than assume the worker managed.
    const [k, c] = await Promise.all([services.loadKeys(), services.loadCaptured()]);
    setSecretsStatus(k || c ? t("forgetIncomplete") : t("forgetDone"));
    if (k || c) void reloadSecrets("open");
  };

  /** "Use these values": fills only the fields that are empty; what the user typed wins. */
  const useCaptured = () => {
    const c = captured;
    if (!c) return;
    if (c.appId) setValues((v) => ({ ...v, appId: v.appId.trim() ? v.appId : (c.appId ?? "") }));
    if (c.appKey) setAppKey((k) => (k.trim() ? k : (c.appKey ?? "")));
    setApi2((a) => ({
      ...a,
      clientId: a.clientId.trim() ? a.clientId : (c.clientId ?? ""),
      clientSecret: a.clientSecret.trim() ? a.clientSecret : (c.clientSecret ?? ""),
    }));
    setCapturedUsed(true);
  };

  const discardCaptured = async () => {
    const c = captured;
    if (!c) return;
    shown.current = { ...shown.current, captured: undefined };
    dropCapturedCopies(c);
    setCaptured(undefined);
    setCapturedUsed(false);
    await services.discardCaptured();
    const still = await services.loadCaptured();
    setSecretsStatus(still ? t("discardIncomplete") : t("discardDone"));
    if (still) void reloadSecrets("open");
  };

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>{t("appTitle")}</h1>
        <p class="subtitle">{t("appSubtitle")}</p>
      </header>
      {captured && (
        <CapturedNotice
          captured={captured}
          used={capturedUsed}
          onUse={useCaptured}
          onDiscard={() => void discardCaptured()}
        />
      )}
      <KeyForm
        values={values}
        onChange={setValues}
        onSubmit={() => void submit()}
        busy={busy}
        failure={failure}
        failureSerial={failureSerial}
        now={services.now()}
      />
      {keys && (
        <KeysView
          keys={keys}
          copy={services.copy}
          onForget={() => void forget()}
          focusOnMount={justGenerated}
        />
      )}
      {keys && <KeptUntil since={keys.createdAt} id="keys-kept-until" />}
      {/* A live region without the status role: the sections below own role=status for results. */}
      <p class="status secrets-status" aria-live="polite">
        {secretsStatus}
      </p>
      <VerifyApi1
        key={`verify1-${forgotten}`}
        appId={values.appId}
        regionId={values.regionId}
        email={values.email}
        generated={keys}
        appKey={appKey}
        onAppKey={setAppKey}
        verify={services.verifyApi1}
        onUseRegion={(regionId) => setValues((v) => ({ ...v, regionId }))}
        onVerified={(r, input) =>
          setSettings({
            api: "1.0",
            baseUrl: `https://${regionById(r.regionId)?.host ?? ""}`,
            applicationId: input.appId.trim(),
            applicationKey: input.appKey.trim(),
            accessKey: input.accessKey.trim(),
            secretKey: input.secretKey.trim(),
            ...(r.accountName ? { accountName: r.accountName } : {}),
            ...(r.accountCode ? { accountCode: r.accountCode } : {}),
          })
        }
        now={services.now()}
      />
      <VerifyApi2
        key={`verify2-${forgotten}`}
        values={api2}
        onChange={setApi2}
        verify={services.verifyApi2}
        onVerified={(r) =>
          setSettings({
            api: "2.0",
            baseUrl: `https://${r.host}`,
            clientId: api2.clientId.trim(),
            clientSecret: api2.clientSecret.trim(),
          })
        }
        now={services.now()}
      />
      <ExportPanel
        key={`export-${forgotten}`}
        settings={settings}
        copy={services.copy}
        download={services.download}
        now={services.now}
      />
      <ProgressSummary progress={progress} />
    </main>
  );
}
