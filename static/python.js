// Client for the Python worker: one message channel, one request id per call.
import { getLogger } from "./log.js";

const log = getLogger("python");

export class PythonError extends Error {
  constructor({ code, message, problems }) {
    super(message);
    this.name = "PythonError";
    this.code = code;
    this.problems = problems || [];
  }
}

export class PythonWorker extends EventTarget {
  constructor(url) {
    super();
    this.state = "loading";
    this.info = null;
    this.failure = null;
    this.pending = new Map();
    this.nextId = 1;
    this.worker = new Worker(url, { type: "module" });
    this.worker.onmessage = (event) => this.#receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(event.message || "the Python worker could not start");
    };
  }

  #setState(state, detail = {}) {
    this.state = state;
    this.dispatchEvent(new CustomEvent("state", { detail: { state, ...detail } }));
  }

  #fail(message) {
    if (this.state === "failed") return;
    this.failure = message;
    log.error("Python failed:", message);
    this.#setState("failed", { message });
    for (const { reject } of this.pending.values()) {
      reject(new PythonError({ code: "python-failed", message }));
    }
    this.pending.clear();
  }

  #receive(message) {
    if (message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      const reply = JSON.parse(message.reply);
      if (reply.ok) waiter.resolve({ result: reply.result, data: message.data });
      else waiter.reject(new PythonError(reply.error));
      return;
    }
    switch (message.type) {
      case "progress":
        this.dispatchEvent(new CustomEvent("progress", { detail: message }));
        break;
      case "ready":
        this.info = message.info;
        this.#setState("ready", { info: message.info });
        break;
      case "failed":
        this.#fail(message.message);
        break;
      case "log":
        if (message.level === "error") log.error(message.text);
        else if (message.level === "warn") log.warn(message.text);
        else log.debug(message.text);
        break;
    }
  }

  /** Sends one request; resolves to { result, data } or rejects with PythonError. */
  request(method, payload = {}, data = null) {
    if (this.state === "failed") {
      return Promise.reject(new PythonError({ code: "python-failed", message: this.failure }));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, payload, data });
    });
  }

  async call(method, payload = {}, data = null) {
    return (await this.request(method, payload, data)).result;
  }
}
