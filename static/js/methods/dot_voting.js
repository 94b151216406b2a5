// The dot_voting method's front end: one module per screen, and a pure reducer shared by all three.
// Pages import this file and pick the part for their role.

export { apply } from './dot_voting/apply.js';
export * as phone from './dot_voting/phone.js';
export * as projector from './dot_voting/projector.js';
export * as console from './dot_voting/console.js';
