// Leaderboards: ranking, Asia/Shanghai periods and titles, and the markdown message.
export * from './rank-board.js';
export * from './periods.js';
export * from './render-markdown.js';
