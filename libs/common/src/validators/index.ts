export * from './is-calendar-date';
export * from './is-later-than';
export * from './is-time-zone';
export * from './omittable';
export * from './patterns';
export * from './transforms';
