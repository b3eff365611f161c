// The attachment helper the chat also uses (/assets/parley-files.js, loaded by index.html before the console).
import type { Part } from "./types";

interface ParleyFiles { upload(file: File): Promise<Part>; draw(parts: Part[]): HTMLElement }
declare global { interface Window { ParleyFiles: (token: () => string) => ParleyFiles } }

let files: ParleyFiles | null = null;
export function initFiles(token: () => string) { files = window.ParleyFiles(token); }
export const upload = (file: File) => files!.upload(file);
export const draw = (parts: Part[]) => files!.draw(parts);
