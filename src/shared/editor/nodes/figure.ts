import { pointerBlock } from './pointer'

/** 图 N-M: a numbered figure (a chart bound to data, or an image), held in the figure row. */
export const FigureNode = pointerBlock('figure', 'figure')
