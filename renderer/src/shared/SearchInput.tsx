import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState, type CSSProperties } from 'react';

interface Props {
  /** Goes on the <input> itself (antd's Input.Search puts data-* on its wrapper). */
  testId?: string;
  placeholder: string;
  initialValue?: string;
  maxLength?: number;
  style?: CSSProperties;
  /** Enter, the button, or clearing the box (with ''). */
  onSearch: (value: string) => void;
}

/** A search box with a button; Enter searches, the clear icon searches for ''. */
export function SearchInput({ testId, placeholder, initialValue = '', maxLength = 200, style, onSearch }: Props) {
  const [value, setValue] = useState(initialValue);
  return (
    <Space.Compact style={style}>
      <Input
        data-testid={testId}
        placeholder={placeholder}
        allowClear
        maxLength={maxLength}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          if (e.type !== 'change' && e.target.value === '') onSearch('');
        }}
        onPressEnter={() => onSearch(value)}
      />
      <Button icon={<SearchOutlined />} aria-label="搜索" onClick={() => onSearch(value)} />
    </Space.Compact>
  );
}
