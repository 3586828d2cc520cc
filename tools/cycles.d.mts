import type { CompilerOptions } from "typescript";

export function sourceFiles(dirs: string[]): string[];
export function compilerOptions(root?: string): CompilerOptions;
export function importsOf(fileName: string, text: string): string[];
export function importGraph(files: string[], options: CompilerOptions, root?: string): Map<string, string[]>;
export function findCycles(graph: Map<string, string[]>): string[][];
