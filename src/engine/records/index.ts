/**
 * What both hosts keep in a workbook for PlanCheck, in one format: settings, the record of marked
 * cells' own fills, and the pieces they are cut into. Pure data; no Office.js, no exceljs.
 */
export * from './chunks';
export * from './fills';
export * from './marks';
export * from './settings';
