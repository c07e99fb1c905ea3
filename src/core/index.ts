export type { Alphabet } from "./alphabet";
export { type Automaton, buildAutomaton, search } from "./automaton";
export { FORMAT, LexiconFormatError } from "./binary";
export { check, countRawMatches, inferKind, rawMatches } from "./decide";
export { type Lexicon, type LocaleMessages, listEntries, loadLexicon } from "./lexicon";
export { fallbackChain, isValidLocale, parseAcceptLanguage, resolveLocale } from "./locale";
export { scan } from "./normalize";
export type * from "./types";
export { verifyLexicon } from "./verify";
