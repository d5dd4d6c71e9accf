import { Button, Flex, Select } from 'antd';
import type { SupervisionFacets } from '../../../../core/ipc/contract';
import { Light, SupervisionStatus } from '../../../../core/supervision/model';
import { statusLabel } from '../../shared/labels';
import { SearchInput } from '../../shared/SearchInput';
import { lightLabel } from './labels';
import { hasFilters, withFilter, type ListQuery } from './listQuery';

type Facet = { value: string; count: number };
interface FacetOption {
  value: string;
  label: string;
  count: number;
}

const toOptions = (facets: readonly Facet[] | undefined): FacetOption[] =>
  (facets ?? []).map((f) => ({ value: f.value, label: f.value, count: f.count }));

const renderOption = (option: { data: FacetOption }) => (
  <Flex justify="space-between" gap={8}>
    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{option.data.label}</span>
    <span style={{ color: 'rgba(0,0,0,0.45)' }}>{option.data.count}</span>
  </Flex>
);

interface FacetSelectProps {
  testId: string;
  placeholder: string;
  width: number;
  facets: readonly Facet[] | undefined;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

function FacetSelect({ testId, placeholder, width, facets, value, onChange }: FacetSelectProps) {
  return (
    <Select<string, FacetOption>
      data-testid={testId}
      placeholder={placeholder}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={toOptions(facets)}
      optionRender={renderOption}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      style={{ width }}
      popupMatchSelectWidth={false}
    />
  );
}

interface FiltersProps {
  value: ListQuery;
  facets: SupervisionFacets | undefined;
  onChange: (next: ListQuery) => void;
}

/** The filter bar of the 督办 list. Every change goes to the URL via onChange. */
export function Filters({ value, facets, onChange }: FiltersProps) {
  const set = (patch: Parameters<typeof withFilter>[1]) => onChange(withFilter(value, patch));
  const statusCount = (s: SupervisionStatus) => facets?.statuses.find((f) => f.value === s)?.count ?? 0;
  const statusOptions = SupervisionStatus.options.map((s) => ({ value: s, label: statusLabel(s), count: statusCount(s) }));
  const lightCount = (l: Light) => facets?.lights.find((f) => f.value === l)?.count ?? 0;
  const lightOptions = Light.options.map((l) => ({ value: l, label: lightLabel(l), count: lightCount(l) }));

  return (
    <Flex gap={12} wrap align="center">
      <FacetSelect
        testId="filter-section"
        placeholder="所属部分"
        width={240}
        facets={facets?.sections}
        value={value.section}
        onChange={(section) => set({ section })}
      />
      <FacetSelect testId="filter-lead" placeholder="牵头单位" width={200} facets={facets?.leads} value={value.lead} onChange={(lead) => set({ lead })} />
      <FacetSelect
        testId="filter-responsible"
        placeholder="责任单位"
        width={200}
        facets={facets?.responsibles}
        value={value.responsible}
        onChange={(responsible) => set({ responsible })}
      />
      <Select<SupervisionStatus, FacetOption & { value: SupervisionStatus }>
        data-testid="filter-status"
        placeholder="办理状态"
        allowClear
        options={statusOptions}
        optionRender={renderOption}
        value={value.status}
        onChange={(status) => set({ status: status ?? undefined })}
        style={{ width: 130 }}
      />
      <Select<Light, FacetOption & { value: Light }>
        data-testid="filter-light"
        placeholder="亮灯"
        allowClear
        options={lightOptions}
        optionRender={renderOption}
        value={value.light}
        onChange={(light) => set({ light: light ?? undefined })}
        style={{ width: 110 }}
      />
      <SearchInput
        key={value.q ?? ''}
        testId="filter-q"
        placeholder="编号、事项、正文关键词"
        initialValue={value.q}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: 260 }}
      />
      {hasFilters(value) ? (
        <Button type="link" onClick={() =>
            onChange({ ...value, section: undefined, lead: undefined, responsible: undefined, status: undefined, light: undefined, q: undefined, page: 1 })
          }>
          清空筛选
        </Button>
      ) : null}
    </Flex>
  );
}
