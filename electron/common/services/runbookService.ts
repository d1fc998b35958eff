import { z } from 'zod';
import type { Runbook } from '../runbook/model';
import { defineService, type ServiceOf } from '../rpc/defineService';

/** A runbook as the library lists it: enough for the navigation, without the model. */
export interface RunbookSummary {
  id: string;
  title: string;
  path: string;
  /** Which folder it came from: the bundled runbooks, or one the user added. */
  source: 'bundled' | 'user';
  folder: string;
  stepCount: number;
  errorCount: number;
  warningCount: number;
  /** sha256 of the file's bytes: the runbook version a step record points back to. */
  contentHash: string;
}

/** A runbook the library holds: the model plus where and which version it is. */
export interface RunbookDocument {
  summary: RunbookSummary;
  runbook: Runbook;
  /** The decoded Markdown (LF line ends, mojibake repaired), which the console renders. */
  source: string;
}

export interface RunbookSearchHit {
  id: string;
  title: string;
  path: string;
  /** The places that matched, best first: title, headings, commands. */
  matches: { kind: 'title' | 'file' | 'heading' | 'command' | 'body'; text: string; line: number }[];
}

export interface RunbookFolder {
  path: string;
  source: 'bundled' | 'user';
  /** A folder that vanished or cannot be read stays listed with the reason. */
  problem: string | null;
}

const RunbookId = z.string().min(1).max(200);
const FolderPath = z.string().min(1).max(4096);

export const RunbookServiceContract = defineService({
  name: 'runbooks',
  methods: {
    listRunbooks: { args: z.tuple([]), result: z.custom<RunbookSummary[]>() },
    getRunbook: { args: z.tuple([RunbookId]), result: z.custom<RunbookDocument>() },
    /** Full-text search over titles, headings and commands; every word must match. */
    search: { args: z.tuple([z.string().max(500)]), result: z.custom<RunbookSearchHit[]>() },
    listFolders: { args: z.tuple([]), result: z.custom<RunbookFolder[]>() },
    /** Adds a folder of runbooks (remembered in the data dir) and returns the folders. */
    addFolder: { args: z.tuple([FolderPath]), result: z.custom<RunbookFolder[]>() },
    removeFolder: { args: z.tuple([FolderPath]), result: z.custom<RunbookFolder[]>() },
  },
  events: {
    /** Runbooks were added, changed or removed on disk. */
    onDidChangeLibrary: { payload: z.custom<{ changedIds: string[] }>() },
  },
});
export type RunbookService = ServiceOf<typeof RunbookServiceContract>;
