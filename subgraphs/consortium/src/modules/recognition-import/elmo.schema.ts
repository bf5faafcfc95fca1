/**
 * Validation against the committed ELMO schema (../../../standards/elmo), offline: libxml2's
 * xmllint compiled to WebAssembly (xmllint-wasm, maintained, no native build, no network). Each
 * call runs in its own worker thread, so a large file never blocks the event loop.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { CONSORTIUM_ROOT } from '../../package-root.js';

const ELMO_DIR = join(CONSORTIUM_ROOT, 'standards', 'elmo');
const SCHEMA_FILES = ['schema.xsd', 'xml.xsd', 'xmldsig-core-schema.xsd', 'EUROPASS_ISOCountries_V1.1.xsd', 'ewp-address.xsd', 'ewp-common-types.xsd'];
/** 64 MiB of WebAssembly memory (pages of 64 KiB): ample for the largest file the import takes. */
const MAX_MEMORY_PAGES = 1024;

/** Validations at once per process: each is a worker thread with its own WebAssembly memory. */
export const MAX_CONCURRENT_VALIDATIONS = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when fewer than MAX_CONCURRENT_VALIDATIONS are running; the others wait in order. */
export async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  while (running >= MAX_CONCURRENT_VALIDATIONS) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

let schemas: { fileName: string; contents: string }[] | null = null;

/** The schema files with their remote imports pointed at the local copies, as catalog.xml maps them. */
function elmoSchemas(): { fileName: string; contents: string }[] {
  if (schemas) return schemas;
  const catalog = readFileSync(join(ELMO_DIR, 'catalog.xml'), 'utf8');
  const mapping = [...catalog.matchAll(/<system systemId="([^"]+)" uri="([^"]+)"\/>/g)].map((m) => [m[1]!, m[2]!] as const);
  if (mapping.length < 5) throw new Error('catalog.xml: expected the five remote schema locations');
  schemas = SCHEMA_FILES.map((fileName) => {
    let contents = readFileSync(join(ELMO_DIR, fileName), 'utf8');
    for (const [remote, local] of mapping) contents = contents.split(`schemaLocation="${remote}"`).join(`schemaLocation="${local}"`);
    return { fileName, contents };
  });
  return schemas;
}

export interface SchemaError {
  line: number | null;
  message: string;
}

/** `xml` against the ELMO schema; the errors with their line numbers, without file names. */
export async function validateElmoSchema(xml: string): Promise<{ valid: boolean; errors: SchemaError[] }> {
  const [schema, ...preload] = elmoSchemas();
  const result = await inTurn(() =>
    validateXML({
      xml: { fileName: 'document.xml', contents: xml },
      schema: schema!,
      preload,
      maxMemoryPages: MAX_MEMORY_PAGES,
      // --nonet: nothing is fetched, whatever the file or schema names.
      modifyArguments: (args) => ['--nonet', ...args],
    }),
  );
  return { valid: result.valid, errors: result.errors.map((e) => ({ line: e.loc?.lineNumber ?? null, message: e.message })) };
}
