// The feedback method's front end (the contract is in static/js/core/loader.js): a pure reducer
// shared by the three screens, and one module per screen, loaded only by the screen that needs it.

export { apply } from './apply.js';

export const screens = {
  phone: () => import('./phone.js'),
  projector: () => import('./projector.js'),
  console: () => import('./console.js'),
};
