/** The engine's front door: pure TypeScript, no Office, DOM, React or files. */
export * from './grid';
export * from './findings';
export * from './numbers';
export * from './spec';
export * from './settings';
export * from './port';
export * from './tables';
export { validate } from './checks';
export * from './risk';
export * from './benchmark';
export * from './generate';
export * from './report';
export * from './sheetNames';
