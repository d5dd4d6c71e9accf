import { buildHash } from '../router/hash';
import { navigate } from '../router/useRoute';
import { SearchInput } from '../shared/SearchInput';

/** The header search box; results open on #/search. `current` is the query on screen. */
export function GlobalSearch({ current }: { current: string }) {
  return (
    <SearchInput
      key={current}
      initialValue={current}
      testId="global-search"
      placeholder="搜索督办事项、收文"
      style={{ width: 420, maxWidth: '100%' }}
      onSearch={(q) => {
        if (q.trim()) navigate(buildHash(['search'], { q: q.trim() }));
      }}
    />
  );
}
