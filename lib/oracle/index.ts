/**
 * Node-only: an independent, deliberately naive substring oracle. It decides which documents a reader
 * expects a query to find (Ctrl-F over normalized title and text), so the oracle test and the benchmark
 * can judge any engine against it. Nothing from lib/index-format is used, so a bug there cannot hide itself.
 */
export { expandOracleAliases, normalizeForOracle, oracleMatches, parseOracleQuery, type OracleQuery, type OracleTerm } from './oracle';
