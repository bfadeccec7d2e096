// Leaderboards: ranking, Asia/Shanghai periods and titles, the board view and its markdown message.
export * from './rank-board.js';
export * from './periods.js';
export * from './board-view.js';
export * from './render-markdown.js';
