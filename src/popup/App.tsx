import { useEffect, useState } from "preact/hooks";
import type { KeySession, ProgressMap } from "../lib/schemas";
import { looksLikeEmail } from "./format";
import { type FormValues, KeyForm } from "./KeyForm";
import { KeysView } from "./KeysView";
import { ProgressSummary } from "./ProgressSummary";
import type { PopupServices, UiFailure } from "./services";

const EMPTY: FormValues = { email: "", password: "", appId: "", authType: "cloud", regionId: "auto" };

function localCheck(v: FormValues): UiFailure | undefined {
  if (!looksLikeEmail(v.email)) {
    return {
      kind: "validation",
      field: "email",
      message: "Enter the service user's email address.",
      action: "For example siem-service@yourdomain.com.",
    };
  }
  if (v.password === "") {
    return {
      kind: "validation",
      field: "password",
      message: "Enter the password.",
      action: "It is sent only to Mimecast.",
    };
  }
  if (v.appId.trim() === "") {
    return {
      kind: "validation",
      field: "appId",
      message: "Enter the Application ID.",
      action: "It is shown in Services › API and Platform Integrations › Your Application Integrations.",
    };
  }
  return undefined;
}

export function App({ services }: { services: PopupServices }) {
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<UiFailure | undefined>();
  const [failureSerial, setFailureSerial] = useState(0);
  const [keys, setKeys] = useState<KeySession | undefined>();
  const [justGenerated, setJustGenerated] = useState(false);
  const [progress, setProgress] = useState<ProgressMap>({});

  useEffect(() => {
    void Promise.all([services.loadPrefs(), services.loadKeys()]).then(([prefs, stored]) => {
      // Typing may have begun before storage answered: keep what the user typed.
      setValues((v) => ({
        ...v,
        email: v.email || prefs.email || "",
        appId: v.appId || prefs.appId || "",
        authType: prefs.authType ?? v.authType,
        regionId: prefs.regionId ?? v.regionId,
      }));
      if (stored) setKeys(stored);
    });
    void services.loadProgress().then(setProgress);
  }, []);

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
    void services.loadProgress().then(setProgress);
  };

  const forget = async () => {
    await services.forgetKeys();
    setKeys(undefined);
  };

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>SIEM Setup Assistant</h1>
        <p class="subtitle">for Mimecast</p>
      </header>
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
      <ProgressSummary progress={progress} />
    </main>
  );
}
