/** The 正文 editor, for an area's detail page: `<BodyEditor recordId={id} />` (README.md). */
export { BodyEditor } from './BodyEditor';
export { MarkupView } from './MarkupModal';
