/**
 * A Dockerfile as the checks read it: build stages and their instructions, with line
 * continuations joined and comments dropped. Docker is not needed.
 */
import path from 'node:path';
import { dockerfileBaseImages } from './compose-image-checks';

export interface Instruction {
  /** Upper-case, e.g. COPY. */
  readonly keyword: string;
  /** Everything after the keyword, continuations joined. */
  readonly args: string;
}

export interface Stage {
  /** `FROM image AS name`, lower-cased as Docker compares it. */
  readonly name: string | undefined;
  /** The base image with the ARG defaults substituted, or the name of an earlier stage. */
  readonly base: string;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  readonly stages: readonly Stage[];
}

/** Instructions in order; a comment line inside a continuation is skipped, as Docker does. */
function instructionsOf(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) {
      continue;
    }
    const continued = line.endsWith('\\');
    pending += `${continued ? line.slice(0, -1) : line} `;
    if (!continued) {
      const match = /^(\S+)\s*([\s\S]*)$/.exec(pending.trim());
      if (match?.[1]) {
        instructions.push({ keyword: match[1].toUpperCase(), args: (match[2] ?? '').trim() });
      }
      pending = '';
    }
  }
  return instructions;
}

export function parseDockerfile(text: string): Dockerfile {
  const bases = dockerfileBaseImages(text);
  const stages: { name: string | undefined; base: string; instructions: Instruction[] }[] = [];
  for (const instruction of instructionsOf(text)) {
    if (instruction.keyword === 'FROM') {
      const name = /\sAS\s+(\S+)\s*$/i.exec(instruction.args)?.[1]?.toLowerCase();
      stages.push({ name, base: bases[stages.length] ?? '', instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { stages };
}

/** The exec (JSON array) form of CMD, ENTRYPOINT, RUN or HEALTHCHECK CMD; undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The flags (`--from=build`) and the words of a COPY or ADD, sources first, destination last. */
export function copyOf(instruction: Instruction): { from: string | undefined; sources: string[]; destination: string } {
  const words = execForm(instruction.args) ?? instruction.args.split(/\s+/);
  const flags = words.filter((word) => word.startsWith('--'));
  const paths = words.filter((word) => !word.startsWith('--'));
  const from = flags.map((flag) => /^--from=(\S+)$/.exec(flag)?.[1]).find((value) => value !== undefined);
  return { from: from?.toLowerCase(), sources: paths.slice(0, -1), destination: paths.at(-1) ?? '' };
}

/** The working directory in force after the instructions before index `until` (WORKDIR may be relative). */
export function workdirAt(stage: Stage, until = stage.instructions.length): string {
  return stage.instructions
    .slice(0, until)
    .filter((instruction) => instruction.keyword === 'WORKDIR')
    .reduce((directory, instruction) => path.posix.resolve(directory, instruction.args), '/');
}

/** The last stage: the image that runs. */
export function finalStage(dockerfile: Dockerfile): Stage {
  const stage = dockerfile.stages.at(-1);
  if (stage === undefined) {
    throw new Error('the Dockerfile has no FROM');
  }
  return stage;
}

/** A stage's last instruction with this keyword. */
export function lastOf(stage: Stage, keyword: string): Instruction | undefined {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).at(-1);
}
