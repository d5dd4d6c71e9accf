import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { documentArea } from '../../core/documents/area';
import { DOCUMENT_MIGRATIONS } from '../../core/documents/projection-table';
import { incomingArea } from '../../core/incoming/area';
import { INCOMING_MIGRATIONS } from '../../core/incoming/projection-table';
import { defineArea, type AnyArea } from '../../core/kernel/area';
import { createRegistry } from '../../core/kernel/registry';
import { fieldsOf } from '../../core/records/record-doc';
import { areaVersions } from '../store/area-migrate';
import { Store } from '../store/store';
import { incoming, removeTempDirs, tempDir } from '../store/testing/fixtures';

afterEach(() => removeTempDirs());

/** The area as it was at version 1: its first migration, and rows of only the version-1 columns. */
function atVersion1(area: AnyArea, migrations: readonly string[], table: string): AnyArea {
  const spec = area.projection!;
  const v1Columns = table === 'documents' ? ['id', 'doc_kind', 'title', 'issuer', 'doc_number', 'written_date', 'period_from', 'period_to', 'created_at'] : ['id', 'title', 'issuer', 'doc_number', 'written_date', 'received_at'];
  return defineArea({
    ...area,
    projection: {
      tables: spec.tables,
      migrations: migrations.slice(0, 1),
      rows: (view) => ({ [table]: spec.rows(view)[table]!.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => v1Columns.includes(k)))) }),
    },
  });
}

describe('收文 and 发文 projection 1 → 2 (the 公文 workflow columns)', () => {
  it('runs only the new step and rebuilds the rows from the log, phase and all', () => {
    const dir = tempDir();
    const others = AREAS.areas.filter((a) => a.kind !== 'document' && a.kind !== 'incoming');
    const v1 = Store.open({ dir, registry: createRegistry([...others, atVersion1(documentArea, DOCUMENT_MIGRATIONS, 'documents'), atVersion1(incomingArea, INCOMING_MIGRATIONS, 'incoming')]) });
    const doc = v1.create('document', (d) => {
      fieldsOf(d).set('docKind', '通知');
      fieldsOf(d).set('title', '关于开展数据安全检查的通知');
    });
    const inc = v1.create('incoming', incoming({ title: '关于印发工作要点的通知' }));
    expect(Object.fromEntries(areaVersions(v1.use((db) => db)))).toMatchObject({ document: 1, incoming: 1 });
    v1.close();

    const v2 = Store.open({ dir });
    const db = v2.use((d) => d);
    expect(Object.fromEntries(areaVersions(db))).toMatchObject({ document: 2, incoming: 2, supervision: 2 });
    expect(db.prepare('SELECT title, phase, number_local, source_id FROM documents WHERE id = ?').get(doc)).toEqual({ title: '关于开展数据安全检查的通知', phase: 'draft', number_local: 0, source_id: null });
    expect(db.prepare('SELECT title, phase, receipt_no FROM incoming WHERE id = ?').get(inc)).toEqual({ title: '关于印发工作要点的通知', phase: 'received', receipt_no: null });
    v2.close();
  });
});
