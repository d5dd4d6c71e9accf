/** GB/T 9704-2012 layout of a 公文: validate the model, render PDF and DOCX. See README.md. */
export { validateOfficialDocument, OfficialDocumentSchema, type OfficialDocument, type OfficialDocumentInput } from './model';
export { parseDocNumber, type DocNumber } from './doc-number';
export { renderPdf, renderPdfDetailed, type PdfOptions, type PdfResult } from './pdf';
export { renderDocx, type DocxOptions } from './docx';
