/**
 * The ribbon's function file (manifest FunctionFile, commands.html). PlanCheck's only button,
 * "Check plan", is a ShowTaskpane action, which Office handles without calling any code here;
 * the page still has to load office.js and initialise, so Office can start it for the ribbon.
 */
Office.onReady(() => {
  // Nothing to register: add ExecuteFunction handlers here with Office.actions.associate.
});

export {};
