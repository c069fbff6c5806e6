import { render } from 'preact';
import '../shared/page.css';
import { Popup } from './Popup';

const root = document.getElementById('root');
if (root) render(<Popup />, root);
