import { vi } from "vitest";

type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;
type ChangeListener = (changes: Changes, area: string) => void;
interface Alarm {
  name: string;
  scheduledTime: number;
}

/**
 * The parts of the extension API the secrets code uses, in memory: `storage.session` (values
 * copied in and out, change events delivered asynchronously like the browser does), `alarms`
 * (recorded, fired on request).
 */
export function fakeBrowser() {
  const session = new Map<string, unknown>();
  const changeListeners: ChangeListener[] = [];
  const alarms = new Map<string, Alarm>();
  const alarmListeners: ((alarm: Alarm) => void)[] = [];
  const emit = (changes: Changes) => {
    if (Object.keys(changes).length === 0) return;
    setTimeout(() => {
      for (const l of changeListeners) l(changes, "session");
    }, 0);
  };
  const pick = (keys: null | string | string[]): Record<string, unknown> => {
    const wanted = keys === null ? [...session.keys()] : typeof keys === "string" ? [keys] : keys;
    const out: Record<string, unknown> = {};
    for (const k of wanted) if (session.has(k)) out[k] = structuredClone(session.get(k));
    return out;
  };
  const area = {
    get: async (keys: null | string | string[] = null) => pick(keys),
    set: async (items: Record<string, unknown>) => {
      const changes: Changes = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: session.get(k), newValue: structuredClone(v) };
        session.set(k, structuredClone(v));
      }
      emit(changes);
    },
    remove: async (keys: string | string[]) => {
      const changes: Changes = {};
      for (const k of typeof keys === "string" ? [keys] : keys) {
        if (session.has(k)) changes[k] = { oldValue: session.get(k) };
        session.delete(k);
      }
      emit(changes);
    },
    clear: async () => area.remove([...session.keys()]),
    setAccessLevel: vi.fn(async (_details: { accessLevel: string }) => undefined),
  };
  const browser = {
    storage: {
      session: area,
      onChanged: {
        addListener: (l: ChangeListener) => changeListeners.push(l),
        removeListener: (l: ChangeListener) => {
          const i = changeListeners.indexOf(l);
          if (i >= 0) changeListeners.splice(i, 1);
        },
      },
    },
    alarms: {
      create: async (name: string, info: { when: number }) => {
        alarms.set(name, { name, scheduledTime: info.when });
      },
      clear: async (name: string) => alarms.delete(name),
      onAlarm: { addListener: (l: (alarm: Alarm) => void) => alarmListeners.push(l) },
    },
  };
  return {
    browser,
    session,
    alarms,
    changeListeners,
    /** Fires an alarm as the browser would: by name, whatever its scheduled time. */
    fire(name: string) {
      const alarm = alarms.get(name) ?? { name, scheduledTime: Date.now() };
      alarms.delete(name);
      for (const l of alarmListeners) l(alarm);
    },
    reset() {
      session.clear();
      alarms.clear();
      changeListeners.length = 0;
      alarmListeners.length = 0;
      area.setAccessLevel.mockClear();
    },
  };
}
