// The page's one logger. Debug lines show only with ?debug in the URL.
const debugEnabled = new URLSearchParams(location.search).has("debug");

function write(level, scope, args) {
  if (level === "debug" && !debugEnabled) return;
  const prefix = `[shopbox:${scope}]`;
  if (level === "error") console.error(prefix, ...args);
  else if (level === "warn") console.warn(prefix, ...args);
  else console.info(prefix, ...args);
}

export function getLogger(scope) {
  return {
    debug: (...args) => write("debug", scope, args),
    info: (...args) => write("info", scope, args),
    warn: (...args) => write("warn", scope, args),
    error: (...args) => write("error", scope, args),
  };
}
