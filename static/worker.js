// Web Worker that hosts Pyodide. Every Python call from the page arrives here
// as { id, method, payload, data } and leaves as { id, reply, data }.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const PACKAGES = ["shopbox"];

let handle = null;
const booted = boot();
// The page hears of a failure through the "failed" message; requests that
// await `booted` get it as an error reply. Nothing is left unhandled.
booted.catch((error) => {
  post({ type: "failed", message: String(error && error.message ? error.message : error) });
});

function post(message, transfer = []) {
  self.postMessage(message, transfer);
}

function progress(fraction, text) {
  post({ type: "progress", fraction, text });
}

async function boot() {
  progress(0.05, "Starting Python");
  const indexURL = new URL("../pyodide/", import.meta.url).href;
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL: indexURL + "pyodide-lock.json",
    stdout: (text) => post({ type: "log", level: "info", text }),
    stderr: (text) => post({ type: "log", level: "warn", text }),
  });
  progress(0.6, "Loading pydantic and shopbox");
  const loadErrors = [];
  await pyodide.loadPackage(PACKAGES, {
    messageCallback: (text) => post({ type: "log", level: "debug", text }),
    errorCallback: (text) => loadErrors.push(text),
  });
  // loadPackage reports a wheel that failed to download through the callback
  // and still resolves, so check here instead of failing later on import.
  if (loadErrors.length) throw new Error(loadErrors.join("; "));
  progress(0.9, "Importing shopbox");
  const browser = pyodide.pyimport("shopbox._browser");
  handle = browser.handle;
  const [reply] = call("hello", "{}", null);
  post({ type: "ready", info: JSON.parse(reply).result });
}

function call(method, payloadJson, data) {
  // A JS null reaches Python as JsNull, not None, so leave the argument out.
  const proxy = data ? handle(method, payloadJson, data) : handle(method, payloadJson);
  try {
    return proxy.toJs ? proxy.toJs() : proxy;
  } finally {
    if (proxy.destroy) proxy.destroy();
  }
}

self.onmessage = async (event) => {
  const { id, method, payload, data } = event.data;
  try {
    await booted;
  } catch (error) {
    const reply = {
      ok: false,
      error: { code: "python-failed", message: String(error), problems: [] },
    };
    post({ id, reply: JSON.stringify(reply), data: null });
    return;
  }
  try {
    const [reply, out] = call(method, JSON.stringify(payload ?? {}), data ?? null);
    const bytes = out ? new Uint8Array(out) : null;
    post({ id, reply, data: bytes }, bytes ? [bytes.buffer] : []);
  } catch (error) {
    const reply = {
      ok: false,
      error: { code: "worker-error", message: String(error), problems: [] },
    };
    post({ id, reply: JSON.stringify(reply), data: null });
  }
};
