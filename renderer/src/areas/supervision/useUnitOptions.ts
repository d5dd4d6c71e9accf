import { useMemo } from 'react';
import { api } from '../../bridge';
import { useQuery } from '../../shared/useQuery';

/** 通讯录 units as Select options for 牵头单位/责任单位; free text is still allowed (mode="tags"). */
export function useUnitOptions() {
  const { data, error } = useQuery('directory.list', () => api.directory.list());
  const options = useMemo(() => (data ?? []).map((u) => ({ value: u.name, label: u.name })), [data]);
  return { options, error };
}
