// Schema versions of the records kept in IndexedDB, and the steps between them.
//
// Version 1 stored a project record without a schema field or a creation
// time. Version 2 adds both; the photo bytes moved into the browser at the
// same time, in a store of their own.

export const SCHEMA_VERSION = 2;

const STEPS = {
  1: (meta) => ({ ...meta, schema: 2, created: meta.updated ?? Date.now() }),
};

/** Returns a project record brought up to SCHEMA_VERSION, one step at a time. */
export function migrateMeta(meta) {
  let current = meta;
  let version = current.schema ?? 1;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `project "${meta.name}" was saved by a newer shopbox (schema ${version}); reload to update`,
    );
  }
  while (version < SCHEMA_VERSION) {
    current = STEPS[version](current);
    version = current.schema;
  }
  return current;
}
