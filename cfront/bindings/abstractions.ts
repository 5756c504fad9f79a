/**
 * Members of kernel structs the model abstracts away, seen through what the model keeps: a file's dentry and
 * inode are not modelled (the model's file carries its f_op and its cgroup identity itself), so
 * `file->f_dentry->d_inode->i_fop` reads the file's f_op, and __d_cft(file->f_dentry) the file's cftype.
 */
import { __d_cft } from '../../model/cgroup/files.js';
import { file } from '../../model/fs/file.js';
import { plain, type Binding } from './binding.js';
import { memcgMember } from './memcg.js';

/** file->f_dentry, as far as the model has it. */
export class FileDentry {
  constructor(readonly file: file) {}
  get name(): string {
    return `${this.file.name}->f_dentry`;
  }
}

/** file->f_dentry->d_inode. */
export class FileInode {
  constructor(readonly file: file) {}
  get name(): string {
    return `${this.file.name}->f_dentry->d_inode`;
  }
}

/** The abstracted member `field` of `obj`, or undefined when the model has no stand-in for it. */
export function abstractedMember(obj: object, field: string): unknown {
  if (obj instanceof file && field === 'f_dentry') return new FileDentry(obj);
  if (obj instanceof FileDentry && field === 'd_inode') return new FileInode(obj.file);
  if (obj instanceof FileInode && field === 'i_fop') return obj.file.f_op;
  return memcgMember(obj, field);
}

/** Kernel functions of the abstracted structs. */
export const ABSTRACTION_BINDINGS: Readonly<Record<string, Binding>> = {
  __d_cft: plain(['dentry'], (d: FileDentry) => __d_cft(d.file)),
};
