export * from './buyer';
export * from './company-key';
export * from './free-mail';
export * from './protection-window';
