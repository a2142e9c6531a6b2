export interface BuildStep {
  name: string;
  command: string;
  inputs: string[];
  outputs?: string[];
  stamp: string;
}

export function inputsHash(root: string, step: BuildStep): string;

export function runSteps(opts: {
  root: string;
  steps: BuildStep[];
  force?: boolean;
  only?: Set<string>;
  log?: (line: string) => void;
  run?: (command: string) => void;
}): string[];
