import { render } from 'preact';
import '../shared/page.css';
import { Options } from './Options';

const root = document.getElementById('root');
if (root) render(<Options />, root);
