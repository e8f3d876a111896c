import { type Static, Type } from 'typebox';
import { Name, StringEnum, Text, Version } from '../common';

/**
 * What an official document (红头文件) of this installation prints: the issuing body, the red header, the number
 * prefixes of minutes and bulletins, the signature, the addressees, copy-to and printer of the 版记. One set per
 * installation (an installation serves one city). The assignment order prefix stays in the dispatch settings.
 */
export const DocumentSettings = Type.Object(
  {
    /** 发文机关 full name, e.g. 泉州市内外贸高质量发展总指挥部. */
    issuingBody: Name(60),
    /** The red header (版头), e.g. 泉州市内外贸高质量发展总指挥部文件. */
    redHeader: Name(40),
    /** Meeting minutes number prefix: `泉内外贸纪` → `泉内外贸纪〔2026〕3号`. */
    minutesPrefix: Name(20),
    /** Bulletin number prefix: `泉内外贸通` → `泉内外贸通〔2026〕5号`. */
    bulletinPrefix: Name(20),
    /** The signature block (署名) above the date. */
    signature: Name(60),
    /** Default addressees (主送机关) of a document not addressed to named units. */
    addressees: Name(200),
    /** Copy-to (抄送) of the 版记; empty: no copy-to line. */
    copyTo: Text(200),
    /** The printer (印发机关) of the 版记. */
    printer: Name(60),
  },
  { additionalProperties: false },
);
export type DocumentSettingsT = Static<typeof DocumentSettings>;

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettingsT = {
  issuingBody: '泉州市内外贸高质量发展总指挥部',
  redHeader: '泉州市内外贸高质量发展总指挥部文件',
  minutesPrefix: '泉内外贸纪',
  bulletinPrefix: '泉内外贸通',
  signature: '泉州市内外贸高质量发展总指挥部',
  addressees: '各工作组、各县（市、区）内外贸发展工作分指挥部',
  copyTo: '',
  printer: '泉州市内外贸高质量发展总指挥部办公室',
};

export const DocumentSettingsDoc = Type.Object({ settings: DocumentSettings, version: Type.Integer() });
export const UpdateDocumentSettingsBody = Type.Object(
  { settings: DocumentSettings, version: Version },
  { additionalProperties: false },
);

/** The formats an official document downloads in: Word (always) and PDF (when the renderer is installed). */
export const DOCUMENT_DOWNLOAD_FORMATS = ['docx', 'pdf'] as const;
export type DocumentDownloadFormat = (typeof DOCUMENT_DOWNLOAD_FORMATS)[number];
export const DocumentDownloadQuery = Type.Object(
  { format: Type.Optional(StringEnum(DOCUMENT_DOWNLOAD_FORMATS, { description: 'docx (default) or pdf' })) },
  { additionalProperties: false },
);
