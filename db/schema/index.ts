export * from './org.js';
export * from './people.js';
export * from './enterprises.js';
export * from './patrols.js';
export * from './hazards.js';
export * from './system.js';
export * from './chat.js';
export * from './web.js';
