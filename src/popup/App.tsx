import { useEffect, useState } from "preact/hooks";
import type { CollectorSettings } from "../lib/collector-bundle";
import type { KeySession, ProgressMap } from "../lib/schemas";
import { regionById } from "../mimecast/regions";
import { ExportPanel } from "./ExportPanel";
import { looksLikeEmail } from "./format";
import { type FormValues, KeyForm } from "./KeyForm";
import { KeysView } from "./KeysView";
import { ProgressSummary } from "./ProgressSummary";
import type { PopupServices, UiFailure } from "./services";
import { VerifyApi1 } from "./VerifyApi1";
import { VerifyApi2 } from "./VerifyApi2";

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
  const [appKey, setAppKey] = useState("");
  const [api2, setApi2] = useState({ hostId: "global", clientId: "", clientSecret: "" });
  const [settings, setSettings] = useState<CollectorSettings | undefined>();

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
    // Values the user sent from the console pre-fill the fields they belong to.
    void services.loadCaptured().then((c) => {
      if (!c) return;
      if (c.appId) setValues((v) => ({ ...v, appId: v.appId || c.appId || "" }));
      if (c.appKey) setAppKey((k) => k || c.appKey || "");
      if (c.clientId || c.clientSecret) {
        setApi2((a) => ({
          ...a,
          clientId: a.clientId || c.clientId || "",
          clientSecret: a.clientSecret || c.clientSecret || "",
        }));
      }
    });
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
      <VerifyApi1
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
      <ExportPanel settings={settings} copy={services.copy} download={services.download} now={services.now} />
      <ProgressSummary progress={progress} />
    </main>
  );
}
