// The brainstorm method's front end: one module per screen, and a pure reducer shared by all three.
// Pages import this file and pick the part for their role.

export { apply } from './brainstorm/apply.js';
export * as phone from './brainstorm/phone.js';
export * as projector from './brainstorm/projector.js';
export * as console from './brainstorm/console.js';
