// Whether a build step's output may be reused: the step's key is a SHA-256 over everything its
// output depends on (its recipe, the path and content of each input file, the keys of the steps it
// builds on), and the key of the last successful build is stored beside the output. Same key and
// output present: the step is skipped. Anything else rebuilds, so a changed, added, removed or
// renamed source can never leave stale output running. Content, not timestamps: a checkout or a
// copy that touches files without changing them rebuilds nothing, and an edit always rebuilds.
// CommonJS so that the unit tests (jest, CommonJS) and the ESM scripts can both load it.
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative, sep } = require('node:path');

/** The file that holds the key of the last successful build, in the step's (git-ignored) output directory. */
const STAMP_NAME = '.build-key';
/** Never inputs: dependencies are covered by package-lock.json, and build output is not a source. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git']);

/**
 * Every file under the given paths (files or directories, relative to root), as sorted
 * forward-slash paths relative to root. A path that does not exist is listed as missing rather
 * than ignored, so that creating it later changes the key.
 */
function listInputs(root, paths) {
  const files = [];
  const missing = [];
  const visit = (absolute) => {
    const stats = statSync(absolute);
    if (!stats.isDirectory()) {
      files.push(relative(root, absolute).split(sep).join('/'));
      return;
    }
    for (const name of readdirSync(absolute)) {
      if (!SKIPPED_DIRECTORIES.has(name) && name !== STAMP_NAME) visit(join(absolute, name));
    }
  };
  for (const path of paths) {
    if (existsSync(join(root, path))) visit(join(root, path));
    else missing.push(path);
  }
  return { files: [...new Set(files)].sort(), missing: [...missing].sort() };
}

/**
 * The key of a step: its recipe (what it runs, as text), its input files (path and content), the
 * input paths that do not exist, and the keys of the steps it depends on. Each part is length-
 * prefixed, so no two different inputs can run together into the same byte stream.
 */
function stepKey({ recipe, files, missing = [], upstreamKeys = [] }, readFile) {
  const hash = createHash('sha256');
  const part = (label, data) => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    hash.update(`${label}:${bytes.length}:`);
    hash.update(bytes);
  };
  part('recipe', recipe);
  for (const key of upstreamKeys) part('upstream', key);
  for (const path of missing) part('missing', path);
  for (const path of files) {
    part('path', path);
    part('content', readFile(path));
  }
  return hash.digest('hex');
}

/**
 * What to do with a step, from the stored key (undefined when there is none), the key its inputs
 * have now, and whether each of its outputs exists: `{ fresh: true }` to skip it, or
 * `{ fresh: false, reason }` saying in a few words why it runs.
 */
function freshness({ storedKey, currentKey, outputsPresent }) {
  if (storedKey === undefined) return { fresh: false, reason: 'not built yet' };
  if (storedKey.trim() !== currentKey) return { fresh: false, reason: 'sources changed' };
  if (!outputsPresent.every(Boolean)) return { fresh: false, reason: 'output missing' };
  return { fresh: true };
}

/** Reads an input by its root-relative path (what stepKey's readFile expects). */
function fileReader(root) {
  return (path) => readFileSync(join(root, path));
}

module.exports = { STAMP_NAME, listInputs, stepKey, freshness, fileReader };
