// n8n draws nodes about 100 px wide on a 20 px grid; Flowgate's steps are wider. An import keeps n8n's
// layout spread by this much, so that neighbouring steps do not overlap; an export draws it closer again.
export const POSITION_SCALE = { x: 1.5, y: 1.25 };
