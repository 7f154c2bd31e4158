-- sqlcmd: -i {script},{dir}/second.part -i {dir}/third.part -v dir={dir}
:setvar who "the includer"
:r $(dir)/include.part
SELECT 'back in include.sql' AS step
GO
