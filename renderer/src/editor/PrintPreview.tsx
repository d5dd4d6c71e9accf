import { Alert, Modal, Spin } from 'antd';
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { api } from '../bridge';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * 打印预览: the very PDF the layout module prints (main/layout, editor.printPdf), drawn page by
 * page — so what is shown is exactly what will be printed.
 */
export function PrintPreview({ recordId, onClose }: { recordId: string; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ loading: boolean; error: string | null; pages: number }>({ loading: true, error: null, pages: 0 });
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const r = await api.editor.printPdf({ id: recordId });
      if (!r.ok) return setState({ loading: false, error: r.error.message, pages: 0 });
      const bytes = Uint8Array.from(atob(r.value.data), (c) => c.charCodeAt(0));
      const pdf = await getDocument({ data: bytes }).promise;
      for (let n = 1; n <= pdf.numPages && !cancelled; n++) {
        const page = await pdf.getPage(n);
        const viewport = page.getViewport({ scale: 1.2 });
        const canvas = document.createElement('canvas');
        canvas.className = 'xt-print-page';
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        canvas.dataset.page = String(n);
        box.current?.append(canvas);
        await page.render({ canvas, viewport }).promise;
      }
      if (!cancelled) setState({ loading: false, error: null, pages: pdf.numPages });
    })().catch((err: unknown) => setState({ loading: false, error: err instanceof Error ? err.message : String(err), pages: 0 }));
    return () => {
      cancelled = true;
    };
  }, [recordId]);
  return (
    <Modal open title={`打印预览${state.pages ? `(共 ${state.pages} 页)` : ''}`} width={820} footer={null} onCancel={onClose}>
      {state.error && <Alert type="warning" showIcon message={state.error} />}
      {state.loading && <Spin />}
      <div ref={box} data-testid="print-preview" style={{ maxHeight: '75vh', overflow: 'auto', background: '#f5f5f5', padding: 12 }} />
    </Modal>
  );
}
