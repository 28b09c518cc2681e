// The page's one logger. Debug lines show only with ?debug in the URL.
const debugEnabled = new URLSearchParams(location.search).has("debug");

function write(level, scope, args) {
  if (level === "debug" && !debugEnabled) return;
  const method = level === "error" ? "error" : level === "warn" ? "warn" : "info";
  console[method](`[shopbox:${scope}]`, ...args);
}

export function getLogger(scope) {
  return {
    debug: (...args) => write("debug", scope, args),
    info: (...args) => write("info", scope, args),
    warn: (...args) => write("warn", scope, args),
    error: (...args) => write("error", scope, args),
  };
}
