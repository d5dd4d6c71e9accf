import type { FormRule } from 'antd';
import { useState } from 'react';

export const UPLOADING_MESSAGE = '附件正在上传,请稍候';

/**
 * A dialog with an AttachmentUpload may not submit while a file is still being sent: the report
 * would go without it. `uploading` disables the OK button; `rule` (on the attachments field)
 * refuses a submit that comes another way.
 */
export interface UploadGate {
  uploading: boolean;
  onUploadingChange: (uploading: boolean) => void;
  rule: FormRule;
}

export function useUploadGate(): UploadGate {
  const [uploading, setUploading] = useState(false);
  // Checked on submit only: while typing or adding files the field shows no error.
  const rule: FormRule = {
    validateTrigger: 'submit',
    validator: () => (uploading ? Promise.reject(new Error(UPLOADING_MESSAGE)) : Promise.resolve()),
  };
  return { uploading, onUploadingChange: setUploading, rule };
}
