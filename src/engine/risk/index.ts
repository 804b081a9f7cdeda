/**
 * Risk registers: scoring on the council's matrix (NHS 5x5 by default), checks of what the
 * register states, and the score columns, heat map and ranked list written back as TableSpecs.
 */
export * from './matrix';
export * from './levels';
export * from './register';
export * from './analyse';
export * from './scoring';
export * from './heatmap';
